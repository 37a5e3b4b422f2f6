using Microsoft.Extensions.Configuration;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PartyGrid.Contracts;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.ServiceDefaults.Messaging;

public static class MessagingSetup
{
    public const string ConnectionName = "rabbitmq";

    /// <summary>
    /// MassTransit over RabbitMQ for a service: its outbox dispatcher, and one durable queue per
    /// consumed event named <c>{service}.{event}</c>; a wrong message is retried a few times before
    /// <c>{queue}_error</c>, one that met a database outage is held until the database is back.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging<TContext>(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<ConsumerRegistry>? consumers = null)
        where TContext : DbContext
    {
        var registry = new ConsumerRegistry(serviceName);
        consumers?.Invoke(registry);

        builder.Services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<OutboxOptions>, OutboxOptionsValidator>();
        builder.Services.AddOptions<BrokerTopology>().BindConfiguration(BrokerTopology.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<BrokerTopology>, BrokerTopologyValidator>();
        builder.Services.AddSingleton<OutboxMetrics>();
        builder.Services.AddHostedService<OutboxDispatcher<TContext>>();
        builder.Services.AddMessagingRetention<TContext>();

        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionName} is not configured.");

        builder.Services.AddMassTransit(bus =>
        {
            foreach (var registration in registry.Registrations)
            {
                registration.Register(bus);
            }

            bus.UsingRabbitMq((context, rabbit) =>
            {
                var topology = context.GetRequiredService<IOptions<BrokerTopology>>().Value;
                rabbit.Host(new Uri(connectionString), topology.ApplyTo);
                rabbit.ConfigureJsonSerializerOptions(options => CopyConventions(EventJson.Options, options));
                foreach (var registration in registry.Registrations)
                {
                    rabbit.ReceiveEndpoint(registration.QueueName, endpoint =>
                    {
                        // Outer: a database outage is waited out (about an hour) with the message held
                        // unacknowledged. Inner: anything else is retried a few times, then faulted to _error.
                        endpoint.UseMessageRetry(r =>
                        {
                            r.Handle<Exception>(TransientFailures.Is);
                            r.Exponential(registry.OutageRetryLimit, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
                        });
                        endpoint.UseMessageRetry(r =>
                        {
                            r.Ignore<Exception>(TransientFailures.Is);
                            r.Exponential(registry.RetryLimit, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200));
                        });
                        endpoint.PrefetchCount = 32;
                        topology.ApplyTo(endpoint);
                        registration.Configure(endpoint, context);
                    });
                }

                // A service that caches the organisation projection hears of every change on a queue
                // of this instance's own (deleted with it), whichever replica projects the change.
                if (context.GetService<OrganisationCache>() is { } organisations)
                {
                    rabbit.ReceiveEndpoint(new TemporaryEndpointDefinition(OrganisationCacheEviction.QueueTag), endpoint =>
                        endpoint.Consumer(() => new OrganisationCacheEviction(organisations)));
                }
            });
        });
        return builder;
    }

    private static System.Text.Json.JsonSerializerOptions CopyConventions(System.Text.Json.JsonSerializerOptions source, System.Text.Json.JsonSerializerOptions target)
    {
        target.PropertyNamingPolicy = source.PropertyNamingPolicy;
        foreach (var converter in source.Converters)
        {
            target.Converters.Add(converter);
        }

        return target;
    }
}

/// <summary>The events a service consumes and which consumer handles each. Written out per service, no scanning.</summary>
public sealed class ConsumerRegistry(string serviceName)
{
    private readonly List<ConsumerRegistration> registrations = [];

    public IReadOnlyList<ConsumerRegistration> Registrations => registrations;

    /// <summary>Attempts after the first delivery before a message is moved to the error queue.</summary>
    public int RetryLimit { get; set; } = 3;

    /// <summary>Attempts while the database is unavailable; at 30 s apart, about an hour.</summary>
    public int OutageRetryLimit { get; set; } = 120;

    public ConsumerRegistry Consume<TEvent, TConsumer>()
        where TEvent : class, IIntegrationEvent
        where TConsumer : class, IConsumer<TEvent>
    {
        registrations.Add(new ConsumerRegistration(
            $"{serviceName}.{TEvent.EventName}",
            bus => bus.AddConsumer<TConsumer>(),
            (endpoint, context) => endpoint.ConfigureConsumer<TConsumer>(context)));
        return this;
    }

    /// <summary>
    /// A consumer of batches (<see cref="InboxBatchConsumer{TMessage, TContext}"/>) of the given shape,
    /// with enough prefetched to fill its concurrent batches.
    /// </summary>
    public ConsumerRegistry ConsumeBatches<TEvent, TConsumer>(BatchShape shape)
        where TEvent : class, IIntegrationEvent
        where TConsumer : class, IConsumer<Batch<TEvent>>
    {
        registrations.Add(new ConsumerRegistration(
            $"{serviceName}.{TEvent.EventName}",
            bus => bus.AddConsumer<TConsumer>(c => c.Options<BatchOptions>(o => o.SetMessageLimit(shape.MessageLimit).SetTimeLimit(shape.TimeLimit).SetConcurrencyLimit(shape.Concurrency))),
            (endpoint, context) =>
            {
                endpoint.PrefetchCount = shape.MessageLimit * shape.Concurrency;
                endpoint.ConcurrentMessageLimit = shape.MessageLimit * shape.Concurrency;
                endpoint.ConfigureConsumer<TConsumer>(context);
            }));
        return this;
    }
}

public sealed record ConsumerRegistration(
    string QueueName,
    Action<IBusRegistrationConfigurator> Register,
    Action<IRabbitMqReceiveEndpointConfigurator, IBusRegistrationContext> Configure);
