using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PartyGrid.Contracts;

namespace PartyGrid.ServiceDefaults.Persistence;

/// <summary>Stores an enum as its kebab-case wire name, readable in SQL and stable across reorderings.</summary>
public sealed class WireNameConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => WireName.Of(value),
    text => WireName.Parse<TEnum>(text))
    where TEnum : struct, Enum;
