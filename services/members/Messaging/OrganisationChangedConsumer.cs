using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Members.Messaging;

/// <summary>
/// Keeps the organisation projection and, when an organisation is dissolved into another, moves its
/// members there — in the same transaction as the inbox record, each with its <c>MemberChanged</c>.
/// A dissolved organisation never comes back, so moving is right whenever such a snapshot arrives,
/// however late or often.
/// </summary>
public sealed partial class OrganisationChangedConsumer(MembersDbContext db, TimeProvider time, ILogger<OrganisationChangedConsumer> logger, OrganisationCache cache)
    : InboxConsumer<OrganisationChanged, MembersDbContext>(db, time, logger)
{
    protected override string ConsumerName => "organisation-projection";

    protected override async Task HandleAsync(OrganisationChanged message, CancellationToken cancellationToken)
    {
        await OrganisationProjector<MembersDbContext>.ApplyAsync(Db, message, cache, cancellationToken);
        if (message is not { Status: OrganisationStatus.Dissolved, MergedIntoId: { } target })
        {
            return;
        }

        var members = await Db.Members.Where(m => m.OrganisationId == message.Id).ToListAsync(cancellationToken);
        var now = Time.GetUtcNow();
        foreach (var member in members)
        {
            member.MoveTo(target, now);
            Db.Publish(member.ToEvent(), now);
        }

        if (members.Count > 0)
        {
            LogMerged(logger, members.Count, message.Id, target);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Count} members of dissolved organisation {From} to {To}")]
    private static partial void LogMerged(ILogger logger, int count, Guid from, Guid to);
}
