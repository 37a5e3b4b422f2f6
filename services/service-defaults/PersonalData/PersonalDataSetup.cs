using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PartyGrid.ServiceDefaults.PersonalData;

public static class PersonalDataSetup
{
    /// <summary>Encryption and lookup hashing of personal data, keys validated at start-up.</summary>
    public static IHostApplicationBuilder AddPersonalData(this IHostApplicationBuilder builder)
    {
        var isDevelopment = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<PersonalDataOptions>()
            .BindConfiguration(PersonalDataOptions.Section)
            .PostConfigure(o =>
            {
                if (isDevelopment)
                {
                    o.EncryptionKey = string.IsNullOrEmpty(o.EncryptionKey) ? PersonalDataOptions.DevelopmentEncryptionKey : o.EncryptionKey;
                    o.LookupKey = string.IsNullOrEmpty(o.LookupKey) ? PersonalDataOptions.DevelopmentLookupKey : o.LookupKey;
                }
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PersonalDataOptions>, PersonalDataOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<PersonalDataOptions>, PersonalDataKeyValidator>();
        builder.Services.AddSingleton<PersonalDataProtector>();
        return builder;
    }
}
