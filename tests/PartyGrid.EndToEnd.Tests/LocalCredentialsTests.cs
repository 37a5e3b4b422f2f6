using Aspire.Hosting.Testing;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>
/// In local mode every service signs in to PostgreSQL as a role of its own that owns its database and
/// nothing else, and to RabbitMQ as a user of its own; nobody is superuser and `guest` is gone.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class LocalCredentialsTests(PartyGridApp app)
{
    [Fact]
    public async Task A_service_reaches_only_its_own_database_as_a_role_without_privileges()
    {
        var tickets = new NpgsqlConnectionStringBuilder(await app.ConnectionStringAsync("tickets"));
        Assert.Equal("tickets", tickets.Username);

        await using (var own = new NpgsqlConnection(tickets.ConnectionString))
        {
            await own.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT r.rolsuper, r.rolcreatedb, r.rolcreaterole, d.datdba = r.oid FROM pg_roles r, pg_database d WHERE r.rolname = current_user AND d.datname = current_database()", own);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal((false, false, false, true), (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3)));
        }

        await using var elsewhere = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(tickets.ConnectionString) { Database = "members" }.ConnectionString);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => elsewhere.OpenAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    [Fact]
    public async Task The_broker_has_no_guest_and_each_service_its_own_user()
    {
        var members = new Uri(await app.App.GetConnectionStringAsync("rabbitmq-members") ?? throw new InvalidOperationException("no broker user for members"));
        Assert.StartsWith("members:", members.UserInfo, StringComparison.Ordinal);
        await using (var own = await new ConnectionFactory { Uri = members }.CreateConnectionAsync())
        {
            Assert.True(own.IsOpen);
        }

        var guest = new UriBuilder(app.RabbitMq) { UserName = "guest", Password = "guest" }.Uri;
        await Assert.ThrowsAnyAsync<BrokerUnreachableException>(() => new ConnectionFactory { Uri = guest }.CreateConnectionAsync());
    }
}
