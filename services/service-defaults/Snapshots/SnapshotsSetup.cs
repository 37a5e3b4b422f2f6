using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PartyGrid.Contracts;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.ServiceDefaults.Messaging;

namespace PartyGrid.ServiceDefaults.Snapshots;

public sealed record RepublishAccepted(IReadOnlyList<string> Events);

public static class SnapshotsSetup
{
    /// <summary>Registers what the service republishes, in the order given (parents before what hangs off them).</summary>
    public static IHostApplicationBuilder AddSnapshotSources(this IHostApplicationBuilder builder, params ISnapshotSource[] sources)
    {
        foreach (var source in sources)
        {
            builder.Services.AddSingleton(source);
        }

        builder.Services.AddSingleton<SnapshotRepublisher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SnapshotRepublisher>());
        return builder;
    }

    /// <summary><c>POST {prefix}/snapshots/republish</c>: admin asks the service to publish all its snapshots again.</summary>
    public static IEndpointRouteBuilder MapSnapshotRepublishing(this IEndpointRouteBuilder app, string prefix)
    {
        app.MapPost($"{prefix}/snapshots/republish", Republish).RequireAuthorization(Policies.Admin)
            .WithTags("Snapshots")
            .WithSummary("Publish the current snapshot of every aggregate again (admin), so consumers can rebuild their projections; runs in the background.");
        return app;
    }

    private static Results<Accepted<RepublishAccepted>, ProblemHttpResult> Republish(
        Caller caller, SnapshotRepublisher republisher, IEnumerable<ISnapshotSource> sources)
    {
        republisher.Request(caller.Subject);
        return TypedResults.Accepted((string?)null, new RepublishAccepted([.. sources.Select(s => s.EventName)]));
    }
}

/// <summary>Answers assessment's rebuild: whoever holds snapshots publishes them again.</summary>
public sealed class SnapshotsRequestedConsumer<TContext>(TContext db, TimeProvider time, SnapshotRepublisher republisher, ILogger<SnapshotsRequestedConsumer<TContext>> logger)
    : InboxConsumer<SnapshotsRequested, TContext>(db, time, logger)
    where TContext : DbContext
{
    protected override string ConsumerName => "snapshots-requested";

    protected override Task HandleAsync(SnapshotsRequested message, CancellationToken cancellationToken)
    {
        republisher.Request(message.RequestedBy);
        return Task.CompletedTask;
    }
}
