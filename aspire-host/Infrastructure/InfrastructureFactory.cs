using Microsoft.Extensions.Configuration;

namespace PartyGrid.AppHost.Infrastructure;

public static class InfrastructureFactory
{
    public const string ModeKey = "Infrastructure:Mode";

    public static PartyGridInfrastructure Add(IDistributedApplicationBuilder builder)
    {
        var text = builder.Configuration[ModeKey] ?? nameof(InfrastructureMode.Local);
        if (!Enum.TryParse<InfrastructureMode>(text, ignoreCase: true, out var mode) || !Enum.IsDefined(mode))
        {
            throw new InvalidOperationException($"{ModeKey} is '{text}'; use local, containers or external.");
        }

        return mode switch
        {
            InfrastructureMode.Local => LocalInfrastructure.Add(builder),
            InfrastructureMode.Containers => AddContainers(builder),
            _ => AddExternal(builder),
        };
    }

    private static PartyGridInfrastructure AddContainers(IDistributedApplicationBuilder builder)
    {
        var postgres = builder.AddPostgres("postgres");
        var rabbitMq = builder.AddRabbitMQ("rabbitmq");
        return new PartyGridInfrastructure(
            postgres,
            rabbitMq,
            service => postgres.AddDatabase($"{service}-db", service));
    }

    private static PartyGridInfrastructure AddExternal(IDistributedApplicationBuilder builder)
    {
        var server = builder.AddConnectionString("postgres");
        var rabbitMq = builder.AddConnectionString("rabbitmq");
        return new PartyGridInfrastructure(
            server,
            rabbitMq,
            service => builder.AddConnectionString($"{service}-db", ReferenceExpression.Create($"{server.Resource};Database={service}")));
    }
}
