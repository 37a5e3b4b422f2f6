namespace PartyGrid.Assessment.Scoring;

/// <summary>
/// Advisory lock keys from ids. Every byte counts: the leading bytes of a version-7 id are its
/// creation time, so a key from those alone would make everything created in the same minute wait
/// on one lock.
/// </summary>
public static class AdvisoryKey
{
    public static long Of(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]);
    }

    /// <summary>For the two-key form, whose keys are 32 bits.</summary>
    public static int Of32(Guid id)
    {
        var key = Of(id);
        return (int)key ^ (int)(key >> 32);
    }
}
