using System.Text;

namespace PartyGrid.ServiceDefaults.PersonalData;

/// <summary>
/// Chinese input methods type full-width forms (<c>１３８</c>, <c>Ｘ</c>, <c>－</c>, the ideographic
/// space): folded to their ASCII forms (Unicode NFKC) before a number is checked, so the same number
/// is always stored — and hashed for lookup — the same way. Digits of other scripts stay as they are
/// and fail the ASCII-only checks.
/// </summary>
public static class FullWidth
{
    public static string Fold(string text) => text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
}
