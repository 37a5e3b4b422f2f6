namespace PartyGrid.AppHost.Infrastructure;

/// <summary>Where PostgreSQL and RabbitMQ come from (DESIGN.md "Infrastructure modes").</summary>
public enum InfrastructureMode
{
    /// <summary>The OS packages, run by Aspire as executables with private data directories and ports.</summary>
    Local,

    /// <summary>Aspire's PostgreSQL and RabbitMQ containers, for machines with Docker or Podman.</summary>
    Containers,

    /// <summary>Existing servers named by <c>ConnectionStrings:postgres</c> and <c>ConnectionStrings:rabbitmq</c>.</summary>
    External,
}
