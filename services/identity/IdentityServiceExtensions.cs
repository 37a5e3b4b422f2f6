using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using PartyGrid.Contracts;
using PartyGrid.Identity.Accounts;
using PartyGrid.Identity.Data;
using PartyGrid.Identity.SignIn;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.ServiceDefaults.Keys;
using PartyGrid.ServiceDefaults.Projections;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PartyGrid.Identity;

public static class IdentityServiceExtensions
{
    public const string ServiceName = "identity";
    public const string SignInLimit = "sign-in";

    public static IHostApplicationBuilder AddIdentityServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceBackbone<AccountsDbContext>(ServiceName, consume => consume
            .Consume<OrganisationChanged, OrganisationProjector<AccountsDbContext>>());
        builder.AddKeyRing<AccountsDbContext>(RingCredentials.SigningPurpose, RingCredentials.EncryptionPurpose);
        builder.Services.AddOptions<SignInSettings>().BindConfiguration(SignInSettings.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SignInSettings>, SignInSettingsValidator>();
        builder.Services.AddProjectedScope<AccountsDbContext>();
        builder.Services.AddScoped<AccountPasswords>();
        builder.Services.AddScoped<AccountAuditLog>();
        builder.Services.AddScoped<AccountOpening>();
        builder.Services.AddScoped<SignInFlow>();
        builder.Services.AddScoped<PartyGrid.Identity.Api.StaffAccess>();
        builder.Services.AddScoped<PartyGrid.Identity.Api.AccountChanges>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddHttpContextAccessor();

        AddAccounts(builder);
        AddSignInSessions(builder);
        AddOpenIddict(builder);

        // The API checks the tokens sent to it against this process's own ring.
        builder.Services.AddSingleton<RingConfiguration>();
        builder.Services.AddOptions<JwtBearerOptions>(AuthenticationSetup.StaffScheme)
            .PostConfigure<RingConfiguration>((jwt, ring) => jwt.ConfigurationManager = ring);

        // The gateway is the only way in; it says who the browser is and how it came.
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            o.ForwardLimit = 1;
        });

        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<SignInSettings>>().Value.SignInAttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                }));
        });

        builder.Services.AddRazorPages(o => o.Conventions.AllowAnonymousToFolder("/Account"));
        builder.Services.AddHostedService<ClientRegistration>();
        return builder;
    }

    private static void AddAccounts(IHostApplicationBuilder builder)
    {
        builder.Services.AddIdentityCore<StaffAccount>(o =>
            {
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789-._";
                o.Password.RequiredLength = PasswordRules.MinimumLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.ClaimsIdentity.UserIdClaimType = Claims.Subject;
                o.ClaimsIdentity.UserNameClaimType = Claims.Name;
                o.ClaimsIdentity.RoleClaimType = Claims.Role;
            })
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<PasswordRules>();

        builder.Services.AddDataProtection()
            .SetApplicationName("partygrid-identity")
            .PersistKeysToDbContext<AccountsDbContext>();
        builder.Services.AddSingleton<ISealedSecrets, DataProtectionSecrets>();
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<KeyProtector>((o, protector) => o.XmlEncryptor = new KeyRingXmlEncryptor(protector));
    }

    private static void AddSignInSessions(IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication()
            .AddCookie(SignInSchemes.Session, o =>
            {
                o.Cookie.Name = "partygrid.session";
                o.Cookie.Path = SignInSchemes.CookiePath;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = SignInSchemes.LoginPath;
                o.SlidingExpiration = true;
                o.Events = new CookieAuthenticationEvents { OnValidatePrincipal = SessionRules.ValidateAsync };
            })
            .AddCookie(SignInSchemes.Pending, o =>
            {
                o.Cookie.Name = "partygrid.pending";
                o.Cookie.Path = SignInSchemes.CookiePath;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(10);
                o.SlidingExpiration = false;
                o.LoginPath = SignInSchemes.LoginPath;
            });
        builder.Services.AddOptions<CookieAuthenticationOptions>(SignInSchemes.Session)
            .Configure<IOptions<SignInSettings>>((cookie, signIn) => cookie.ExpireTimeSpan = signIn.Value.SessionIdle);
    }

    private static void AddOpenIddict(IHostApplicationBuilder builder)
    {
        var issuer = builder.Configuration[$"{AuthOptions.Section}:{nameof(AuthOptions.Issuer)}"];
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<AccountsDbContext>().ReplaceDefaultEntities<Guid>())
            .AddServer(o =>
            {
                if (Uri.TryCreate(issuer, UriKind.Absolute, out var issuerUri))
                {
                    o.SetIssuer(issuerUri);
                }

                o.SetAuthorizationEndpointUris(OpenIdEndpoints.AuthorizePath.TrimStart('/'))
                    .SetTokenEndpointUris(OpenIdEndpoints.TokenPath.TrimStart('/'))
                    .SetEndSessionEndpointUris(OpenIdEndpoints.EndSessionPath.TrimStart('/'))
                    .SetConfigurationEndpointUris(".well-known/openid-configuration")
                    .SetJsonWebKeySetEndpointUris(".well-known/jwks");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.OfflineAccess);

                // Resource servers validate access tokens as plain signed JWTs; codes and refresh tokens stay encrypted.
                o.DisableAccessTokenEncryption();

                // A refresh token is good once: presented again, OpenIddict revokes the whole grant.
                o.SetRefreshTokenReuseLeeway(TimeSpan.Zero);
                o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            });

        builder.Services.AddOptions<OpenIddictServerOptions>().Configure<IOptions<SignInSettings>>((server, signIn) =>
        {
            server.AccessTokenLifetime = signIn.Value.AccessTokenLifetime;
            server.RefreshTokenLifetime = signIn.Value.SessionIdle;
            server.IdentityTokenLifetime = signIn.Value.AccessTokenLifetime;
        });

        // After OpenIddict's own registrations, so its sorting runs before ours.
        builder.Services.AddSingleton<RingCredentials>();
        builder.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>>(sp => sp.GetRequiredService<RingCredentials>());
        builder.Services.AddSingleton<IPostConfigureOptions<OpenIddictServerOptions>>(sp => sp.GetRequiredService<RingCredentials>());
        builder.Services.AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>>(sp => sp.GetRequiredService<RingCredentials>());
    }
}
