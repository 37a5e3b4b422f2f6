using System.Net.Sockets;
using Npgsql;

namespace PartyGrid.ServiceDefaults.Messaging;

/// <summary>
/// Failures that say nothing about the message: the database is away, restarting or refusing
/// connections for a while. A consumer holds such a message and tries again for as long as an outage
/// plausibly lasts, because the <c>_error</c> queue is for messages that are wrong, not for messages
/// that arrived while PostgreSQL was restarting (the fault suite lost events that way).
/// </summary>
public static class TransientFailures
{
    public static bool Is(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres when Unavailable(postgres.SqlState) || postgres.IsTransient:
                case NpgsqlException { IsTransient: true }:
                case SocketException or TimeoutException:
                    return true;
            }
        }

        return false;
    }

    // 08: connection exceptions; 57P01–57P03: admin or crash shutdown, "the database system is starting up".
    private static bool Unavailable(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState is "57P01" or "57P02" or "57P03";
}
