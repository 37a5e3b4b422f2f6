using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PartyGrid.ServiceDefaults.Keys;

public static class KeyRingSetup
{
    /// <summary>
    /// A key ring kept in the service's own database (<see cref="StoredKeysModel.AddStoredKeys"/>) for
    /// these purposes. Register it after the database, so that migrations have run when it first loads.
    /// </summary>
    public static IHostApplicationBuilder AddKeyRing<TContext>(this IHostApplicationBuilder builder, params string[] purposes)
        where TContext : DbContext
    {
        builder.Services.AddOptions<KeyRingOptions>().BindConfiguration(KeyRingOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<KeyRingOptions>, KeyRingOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<KeyRingOptions>, KeyEncryptionKeyValidator>();
        builder.Services.AddSingleton(new KeyPurposes(purposes));
        builder.Services.AddSingleton<KeyRing>();
        builder.Services.AddSingleton<KeyProtector>();
        builder.Services.AddSingleton<KeyRotation<TContext>>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<KeyRotation<TContext>>());
        return builder;
    }
}
