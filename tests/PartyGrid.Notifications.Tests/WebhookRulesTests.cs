using System.Net;
using Microsoft.Extensions.Options;
using PartyGrid.Contracts;
using PartyGrid.Notifications.Delivery;
using PartyGrid.Notifications.Domain;

namespace PartyGrid.Notifications.Tests;

/// <summary>The rules of delivery on their own: signatures, where a webhook may go, when it is tried again, what a snapshot announces.</summary>
public sealed class WebhookRulesTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void A_signature_is_the_standard_webhooks_hmac_of_id_timestamp_and_body()
    {
        // The example of the Standard Webhooks specification.
        var signature = SigningSecret.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, """{"test": 2432232314}""");
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);

        var secret = SigningSecret.Create();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        var both = SigningSecret.Header([secret, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"], "msg_1", 1, "{}").Split(' ');
        Assert.Equal(2, both.Length);
        Assert.NotEqual(both[0], both[1]);
    }

    [Theory]
    [InlineData("https://hotline.example.gov.cn/hooks", null)]
    [InlineData("http://hotline.example.gov.cn/hooks", "must use https")]
    [InlineData("https://127.0.0.1/hooks", "must not point at a private, loopback or link-local address")]
    [InlineData("https://localhost:8443/hooks", "must not point at a private, loopback or link-local address")]
    [InlineData("https://10.1.2.3/hooks", "must not point at a private, loopback or link-local address")]
    [InlineData("https://169.254.169.254/latest/meta-data", "must not point at a private, loopback or link-local address")]
    [InlineData("https://[::1]/hooks", "must not point at a private, loopback or link-local address")]
    [InlineData("https://[fd00::1]/hooks", "must not point at a private, loopback or link-local address")]
    [InlineData("https://user:pass@hotline.example.gov.cn/", "must not carry credentials")]
    [InlineData("ftp://hotline.example.gov.cn/", "must be an absolute https URL of at most 2,000 characters")]
    [InlineData("/relative", "must be an absolute https URL of at most 2,000 characters")]
    public void Without_the_setting_only_public_https_targets_are_taken(string url, string? refusal) =>
        Assert.Equal(refusal, new TargetGuard(Options.Create(new WebhookOptions())).Refusal(url));

    [Fact]
    public void The_local_setting_lets_a_test_receive_on_loopback_over_http()
    {
        var guard = new TargetGuard(Options.Create(new WebhookOptions { AllowPrivateTargets = true }));
        Assert.Null(guard.Refusal("http://127.0.0.1:5005/hooks"));
        Assert.Equal("must not carry credentials", guard.Refusal("http://a:b@127.0.0.1/"));
    }

    [Theory]
    [InlineData("192.168.1.20", true)]
    [InlineData("172.20.0.1", true)]
    [InlineData("100.100.1.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("224.0.0.1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("8.8.8.8", false)]
    [InlineData("2400:3200::1", false)]
    public void Addresses_met_at_connection_are_judged_by_range(string address, bool isInternal) =>
        Assert.Equal(isInternal, TargetGuard.IsInternal(IPAddress.Parse(address)));

    [Fact]
    public void Retries_follow_the_schedule_with_jitter_honour_retry_after_and_stop_after_three_days()
    {
        var schedule = new RetrySchedule(RetrySchedule.Standard, TimeSpan.FromDays(3), () => 0.5);
        Assert.Equal(Start + TimeSpan.FromSeconds(5.25), schedule.Next(1, Start, Start, null));
        Assert.Equal(Start + TimeSpan.FromMinutes(5.25), schedule.Next(2, Start, Start, null));
        Assert.Equal(Start + TimeSpan.FromMinutes(10), schedule.Next(2, Start, Start, TimeSpan.FromMinutes(10)));
        Assert.Equal(Start + TimeSpan.FromSeconds(5.25), schedule.Next(1, Start, Start, TimeSpan.FromSeconds(1)));

        // Attempt after attempt, as the dispatcher meets them: about three days, then no more.
        var (at, attempts) = (Start, 0);
        while (schedule.Next(++attempts, Start, at, null) is { } next)
        {
            at = next;
        }

        Assert.Equal(9, attempts);
        Assert.InRange(at - Start, TimeSpan.FromDays(2.5), TimeSpan.FromDays(3));
    }

    [Fact]
    public void A_delivery_acknowledged_gone_or_failing_becomes_what_its_answer_says()
    {
        var schedule = new RetrySchedule([TimeSpan.FromSeconds(5)], TimeSpan.FromMinutes(1), () => 0);
        var ticket = Ticket(TicketStatus.Resolved, version: 3);
        var delivery = Domain.Delivery.Stage(Guid.CreateVersion7(Start), Guid.CreateVersion7(Start), ticket, WebhookEventTypes.Resolved, "{}", Start);
        Assert.StartsWith("msg_", delivery.MessageId, StringComparison.Ordinal);

        Assert.Equal(DeliveryOutcome.Retrying, delivery.Record(new AttemptResult(503, TimeSpan.FromMilliseconds(20), null, null), schedule, Start));
        Assert.Equal(Start.AddSeconds(5), delivery.NextAttemptAt);
        Assert.Equal(DeliveryOutcome.Retrying, delivery.Record(new AttemptResult(null, TimeSpan.FromSeconds(15), "timed out", null), schedule, Start.AddSeconds(5)));
        Assert.Equal(DeliveryOutcome.Delivered, delivery.Record(new AttemptResult(204, TimeSpan.FromMilliseconds(9), null, null), schedule, Start.AddSeconds(10)));
        Assert.Equal((DeliveryStatus.Delivered, 3), (delivery.Status, delivery.AttemptLog.Count));

        var gone = Domain.Delivery.Stage(Guid.CreateVersion7(Start), Guid.CreateVersion7(Start), ticket, WebhookEventTypes.Resolved, "{}", Start);
        Assert.Equal(DeliveryOutcome.Gone, gone.Record(new AttemptResult(410, TimeSpan.Zero, null, null), schedule, Start));

        var late = Domain.Delivery.Stage(Guid.CreateVersion7(Start), Guid.CreateVersion7(Start), ticket, WebhookEventTypes.Resolved, "{}", Start);
        Assert.Equal(DeliveryOutcome.GaveUp, late.Record(new AttemptResult(500, TimeSpan.Zero, null, null), schedule, Start.AddMinutes(1)));
        Assert.Equal(DeliveryStatus.Failed, late.Status);
    }

    [Fact]
    public void A_snapshot_announces_what_changed_since_the_last_one_and_a_stale_one_nothing()
    {
        var state = new TicketState { TicketId = Guid.CreateVersion7(Start) };
        Assert.Empty(state.Advance(Ticket(TicketStatus.Submitted, version: 1)));
        Assert.Equal([WebhookEventTypes.Accepted], state.Advance(Ticket(TicketStatus.Accepted, version: 2)));
        Assert.Equal([WebhookEventTypes.Escalated, WebhookEventTypes.Supervised], state.Advance(Ticket(TicketStatus.Submitted, version: 4, escalations: 1, supervised: true)));
        Assert.Empty(state.Advance(Ticket(TicketStatus.Accepted, version: 3)));
        Assert.Equal([WebhookEventTypes.Resolved], state.Advance(Ticket(TicketStatus.Resolved, version: 5, escalations: 1, supervised: true)));
        Assert.Equal([WebhookEventTypes.Rated, WebhookEventTypes.Reopened],
            state.Advance(Ticket(TicketStatus.Reopened, version: 6, escalations: 1, supervised: true, reopens: 1, ratings: 1)));
        Assert.Empty(state.Advance(Ticket(TicketStatus.Reopened, version: 6, escalations: 1, supervised: true, reopens: 1, ratings: 1)));
        Assert.Equal([WebhookEventTypes.Resolved], state.Advance(Ticket(TicketStatus.Resolved, version: 7, escalations: 1, supervised: true, reopens: 1, ratings: 1)));
        Assert.Equal([WebhookEventTypes.Rated, WebhookEventTypes.Closed],
            state.Advance(Ticket(TicketStatus.Closed, version: 8, escalations: 1, supervised: true, reopens: 1, ratings: 2)));
    }

    private static TicketChanged Ticket(TicketStatus status, long version, int escalations = 0, bool supervised = false, int reopens = 0, int ratings = 0) => new(
        Guid.Empty, "20261201-0001", TicketCategory.Dispute, "neighbour-dispute", TicketChannel.Partner, TicketPriority.Normal,
        Guid.Empty, OrganisationTier.Village, Guid.Empty, OrganisationTier.Village, status, Start, null, null, null, Start.AddDays(1), Start.AddDays(5),
        null, null, escalations, reopens, ratings > 0 ? 4 : null, supervised, version,
        Ratings: [.. Enumerable.Range(0, ratings).Select(_ => new TicketRating(4, Start, Guid.Empty))]);
}
