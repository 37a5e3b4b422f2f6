using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PartyGrid.ServiceDefaults.Messaging;

namespace PartyGrid.ServiceDefaults.Persistence;

/// <summary>
/// A list of value records kept in one <c>jsonb</c> column, written as the events carry it (so a
/// projection stores the history exactly as it arrived), compared by its items.
/// </summary>
public static class JsonList<T>
{
    public static readonly ValueConverter<List<T>, string> Converter = new(
        v => JsonSerializer.Serialize(v, EventJson.Options),
        v => JsonSerializer.Deserialize<List<T>>(v, EventJson.Options) ?? new List<T>());

    public static readonly ValueComparer<List<T>> Comparer = new(
        (a, b) => a!.SequenceEqual(b!),
        v => v.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)),
        v => v.ToList());
}
