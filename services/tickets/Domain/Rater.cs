namespace PartyGrid.Tickets.Domain;

/// <summary>Who is giving a rating: the caller's subject, whether it is a partner system, and where they work.</summary>
public sealed record Rater(string Subject, bool IsPartner, Guid HomeOrganisationId);
