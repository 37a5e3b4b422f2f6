using System.Security.Cryptography;

namespace PartyGrid.Tickets.Domain;

/// <summary>What a resident's rating link finds: a ticket to rate, or why it may not be rated through it.</summary>
public enum RatingLinkState
{
    Open,

    /// <summary>Rated already (through the link or otherwise), reopened or closed since.</summary>
    Used,

    /// <summary>Past the moment the ticket closes on its own.</summary>
    Expired,
}

/// <summary>
/// 好差评 as residents meet it: each resolution issues a single-use link token (256 random bits),
/// carried once in the event of that change so the requester's channel can text it. Only its SHA-256
/// is kept; the link rates the resolution it was issued for, until the ticket would close on its
/// own, and a rating through it is the requester's own, by the same rules as any.
/// </summary>
public sealed partial class Ticket
{
    /// <summary>The actor a rating through the link is recorded under: the requester, by the link.</summary>
    public static readonly Actor RequesterByLink = new("requester:rating-link");

    public byte[]? RatingLinkHash { get; private set; }

    /// <summary>The token issued by this change, for its event only: never stored, never read back.</summary>
    public string? IssuedRatingLink { get; private set; }

    public static byte[] HashOf(string token) => SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token));

    public RatingLinkState RatingLinkStateAt(DateTimeOffset now) =>
        Status != TicketStatus.Resolved ? RatingLinkState.Used
        : AutoCloseAt is { } closes && now >= closes ? RatingLinkState.Expired
        : RatingLinkState.Open;

    /// <summary>The requester's rating through the link: 1–2 reopens for rectification, 3–5 closes, as <see cref="Rate"/>.</summary>
    public void RateThroughLink(int score, string? comment, TicketClock clock, DateTimeOffset now)
    {
        if (RatingLinkStateAt(now) != RatingLinkState.Open)
        {
            throw DomainRuleException.IllegalState("rating-link-closed", "This rating link was used or has expired.");
        }

        Rate(score, comment, clock, RequesterByLink, now);
    }

    private void IssueRatingLink()
    {
        IssuedRatingLink = Base64UrlToken(RandomNumberGenerator.GetBytes(32));
        RatingLinkHash = HashOf(IssuedRatingLink);
    }

    private static string Base64UrlToken(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
