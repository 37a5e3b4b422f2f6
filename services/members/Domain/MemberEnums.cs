namespace PartyGrid.Members.Domain;

public enum Gender
{
    Male = 1,
    Female = 2,
}

/// <summary>Highest completed education, as recorded in the member file.</summary>
public enum Education
{
    Primary = 1,
    JuniorSecondary = 2,
    SeniorSecondary = 3,
    Vocational = 4,
    Associate = 5,
    Bachelor = 6,
    Postgraduate = 7,
}
