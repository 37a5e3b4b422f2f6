using System.Net;
using System.Net.Sockets;

namespace PartyGrid.Testing;

public static class FreePorts
{
    /// <summary>A port whose next <paramref name="count"/> - 1 neighbours are free too (RabbitMQ uses three).</summary>
    public static int Block(int count = 1)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var first = Random.Shared.Next(20_000, 60_000);
            if (Enumerable.Range(first, count).All(IsFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException("No free block of local ports found.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
