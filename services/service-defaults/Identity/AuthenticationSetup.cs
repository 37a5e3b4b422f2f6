using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace PartyGrid.ServiceDefaults.Identity;

public static class AuthenticationSetup
{
    /// <summary>The default scheme: picks <see cref="StaffScheme"/> or <see cref="PartnerScheme"/> by the token's issuer.</summary>
    public const string BearerScheme = JwtBearerDefaults.AuthenticationScheme;

    public const string StaffScheme = "staff-token";
    public const string PartnerScheme = "partner-token";
    public const string KeysClient = "jwks";

    /// <summary>Partner identities act with these roles only, whatever a token claims.</summary>
    public static readonly IReadOnlySet<string> PartnerRoles = new HashSet<string>(StringComparer.Ordinal) { Roles.Staff, Roles.Viewer };

    /// <summary>
    /// JWT bearer validation of staff tokens (identity's issuer and keys) and partner identities (the
    /// gateway's), issuer, audience and algorithm pinned; and a fallback policy that refuses any
    /// endpoint not explicitly marked anonymous: a service is never open without a token.
    /// </summary>
    public static IHostApplicationBuilder AddPartyGridAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        builder.Services.AddHttpClient(KeysClient, http => http.Timeout = TimeSpan.FromSeconds(10));

        builder.Services.AddAuthentication(BearerScheme)
            .AddPolicyScheme(BearerScheme, null, o => o.ForwardDefaultSelector = SchemeFor)
            .AddJwtBearer(StaffScheme)
            .AddJwtBearer(PartnerScheme);
        builder.Services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureTokenValidation>();

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Admin, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        return builder;
    }

    private static string SchemeFor(HttpContext context)
    {
        var partnerIssuer = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.PartnerIssuer;
        return string.Equals(UnverifiedToken.Of(context)?.Issuer, partnerIssuer, StringComparison.Ordinal) ? PartnerScheme : StaffScheme;
    }

    public static TokenValidationParameters ValidationParameters(string issuer, string audience) => new()
    {
        ValidIssuer = issuer,
        ValidAudience = audience,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = PartyGridClaims.Name,
        RoleClaimType = PartyGridClaims.Role,
    };

    private sealed class ConfigureTokenValidation(IOptions<AuthOptions> auth, IHttpClientFactory http, TimeProvider time) : IConfigureNamedOptions<JwtBearerOptions>
    {
        public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

        public void Configure(string? name, JwtBearerOptions options)
        {
            var settings = auth.Value;
            var (issuer, keys) = name switch
            {
                StaffScheme => (settings.Issuer, settings.StaffKeys),
                PartnerScheme => (settings.PartnerIssuer, settings.PartnerKeys),
                _ => (null, null),
            };
            if (issuer is null)
            {
                return;
            }

            options.MapInboundClaims = false;
            options.RequireHttpsMetadata = false;
            options.RefreshOnIssuerKeyNotFound = false;
            options.TokenValidationParameters = ValidationParameters(issuer, settings.Audience);
            if (!string.IsNullOrEmpty(keys))
            {
                options.ConfigurationManager = new JwksKeys(issuer, keys, http.CreateClient(KeysClient), time, settings.KeyRefreshInterval);
            }
            else
            {
                // Nothing to fetch keys from: every token of this kind is refused.
                options.Configuration = new Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration { Issuer = issuer };
            }

            options.Events = new JwtBearerEvents
            {
                // A token from a key not yet known (a rollover): read the keys again before it is validated.
                OnMessageReceived = async context =>
                {
                    if (context.Options.ConfigurationManager is JwksKeys jwks)
                    {
                        await jwks.EnsureAsync(UnverifiedToken.Of(context.HttpContext)?.Kid, context.HttpContext.RequestAborted);
                    }
                },
                OnTokenValidated = context =>
                {
                    var principal = context.Principal!;
                    var isPartner = PartnerScopes.IsPartner(principal);
                    if (name == StaffScheme && isPartner)
                    {
                        context.Fail("Partner identities are issued by the gateway only.");
                    }
                    else if (name == PartnerScheme
                             && (!isPartner || principal.FindAll(PartyGridClaims.Role).Any(r => !PartnerRoles.Contains(r.Value))))
                    {
                        context.Fail("A partner identity carries a key and partner roles only.");
                    }

                    return Task.CompletedTask;
                },
            };
        }
    }
}
