using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.OpenApi;
using PartyGrid.ServiceDefaults.Persistence;

namespace PartyGrid.ServiceDefaults.Hosting;

public static class ServiceBackbone
{
    /// <summary>
    /// What each of the five services stands on: its own database (<c>{service}-db</c>, migrated at
    /// start-up), messaging with its outbox and the consumers it names, and its OpenAPI document.
    /// </summary>
    public static IHostApplicationBuilder AddServiceBackbone<TContext>(
        this IHostApplicationBuilder builder, string serviceName, Action<ConsumerRegistry>? consumers = null)
        where TContext : DbContext
    {
        builder.AddServiceDatabase<TContext>($"{serviceName}-db");
        builder.AddMessaging<TContext>(serviceName, consumers);
        builder.Services.AddOpenApi(o => OpenApiConventions.Apply(
            o, $"PartyGrid {serviceName} API", $"The {serviceName} service of PartyGrid, as partner systems and staff clients call it through the gateway (under /api/v1)."));
        return builder;
    }
}
