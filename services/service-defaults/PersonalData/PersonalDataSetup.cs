using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PartyGrid.ServiceDefaults.PersonalData;

public static class PersonalDataSetup
{
    /// <summary>
    /// Encryption and lookup hashing of personal data, keys validated at start-up, and the job that
    /// moves the values in <paramref name="tables"/> to today's keys after a rotation.
    /// </summary>
    public static IHostApplicationBuilder AddPersonalData<TContext>(this IHostApplicationBuilder builder, params ProtectedTable[] tables)
        where TContext : DbContext
    {
        builder.Services.AddOptions<PersonalDataOptions>()
            .BindConfiguration(PersonalDataOptions.Section)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PersonalDataOptions>, PersonalDataOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<PersonalDataOptions>, PersonalDataKeyValidator>();
        builder.Services.AddSingleton<PersonalDataProtector>();
        builder.Services.AddSingleton(services => ActivatorUtilities.CreateInstance<PersonalDataRotation<TContext>>(services, (IReadOnlyList<ProtectedTable>)tables));
        builder.Services.AddHostedService(services => services.GetRequiredService<PersonalDataRotation<TContext>>());
        return builder;
    }
}
