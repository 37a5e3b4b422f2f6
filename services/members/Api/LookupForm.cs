namespace PartyGrid.Members.Api;

/// <summary>
/// An exact-match lookup as the form reads it: an identity number (checked, with its check digit),
/// a phone, or both; each error under its field's name. Only a form without errors is returned.
/// </summary>
public sealed record LookupForm(IdentityNumber? IdNumber, string? Phone)
{
    public static LookupForm? Read(MemberLookupRequest request, FieldErrors errors)
    {
        IdentityNumber? idNumber = null;
        if (request.IdNumber is not null)
        {
            if (IdentityNumber.TryParse(request.IdNumber, out var parsed, out var problem))
            {
                idNumber = parsed;
            }
            else
            {
                errors.Add("idNumber", problem);
            }
        }

        var phone = MemberInput.Phone(errors, request.Phone, required: false);
        if (request.IdNumber is null && request.Phone is null)
        {
            errors.Add("idNumber", "send an identity number or a phone");
        }

        return errors.Any ? null : new LookupForm(idNumber, phone);
    }
}
