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
        builder.AddKeyEncryption();
        builder.AddSealedColumn<TContext>(StoredKeysModel.Table, "protected_private_key", "purpose");
        builder.Services.AddSingleton(new KeyPurposes(purposes));
        builder.Services.AddSingleton<KeyRing>();
        builder.Services.AddSingleton<KeyRotation<TContext>>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<KeyRotation<TContext>>());
        return builder;
    }

    /// <summary>The key-encryption key (<c>Keys</c>), its protector, and the renewal that reseals after a rotation.</summary>
    public static IHostApplicationBuilder AddKeyEncryption(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<KeyRingOptions>().BindConfiguration(KeyRingOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<KeyRingOptions>, KeyRingOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<KeyRingOptions>, KeyEncryptionKeyValidator>();
        builder.Services.AddSingleton<KeyProtector>();
        builder.Services.AddHostedService<SealedSecretsRenewal>();
        return builder;
    }

    /// <summary>A column of secrets sealed under the key-encryption key, resealed after a rotation (<see cref="SealedColumn{TContext}"/>).</summary>
    public static IHostApplicationBuilder AddSealedColumn<TContext>(this IHostApplicationBuilder builder, string table, string cipherColumn, string purposeSql)
        where TContext : DbContext
    {
        builder.Services.AddSingleton<ISealedSecrets>(sp => new SealedColumn<TContext>(sp.GetRequiredService<IServiceScopeFactory>(), table, cipherColumn, purposeSql));
        return builder;
    }
}
