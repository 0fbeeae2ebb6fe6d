using Platform.AppHost.Infrastructure;
using Platform.Contracts;

var builder = DistributedApplication.CreateBuilder(args);

var settings = PlatformSettings.From(builder);
var servers = builder.AddPlatformServers(settings);
var identity = PlatformIdentity.Create(settings);

// The portal is also the identity provider (ADR 8): every service validates the tokens it issues.
var issuer = settings.PortalUrl;
var portal = builder.AddPlatformService<Projects.Portal>(ResourceNames.Portal, servers, settings, settings.PortalPort).WithIdentityServer(identity, issuer);

var ingestion = builder.AddPlatformService<Projects.Ingestion>(ResourceNames.Ingestion, servers, settings).WithTokenValidation(identity, issuer);
var compression = builder.AddPlatformService<Projects.Compression>(ResourceNames.Compression, servers, settings).WithTokenValidation(identity, issuer);
var registry = builder.AddPlatformService<Projects.Registry>(ResourceNames.Registry, servers, settings).WithTokenValidation(identity, issuer);
// Training announces the base models it holds as it starts (ADR 32): RabbitMQ drops an event no queue
// is bound for yet, so the registry's consumers are up first.
var training = builder.AddPlatformService<Projects.Training>(ResourceNames.Training, servers, settings).WithTokenValidation(identity, issuer)
    .WaitFor(registry);
var inference = builder.AddPlatformService<Projects.Inference>(ResourceNames.Inference, servers, settings).WithTokenValidation(identity, issuer);
var billing = builder.AddPlatformService<Projects.Billing>(ResourceNames.Billing, servers, settings).WithTokenValidation(identity, issuer);

var gateway = builder.AddPlatformGateway(settings, portal, ingestion, training, compression, registry, inference, billing);

portal
    .WithEnvironment("Portal__PublicApi", gateway.GetEndpoint("http"))
    .WithReference(ingestion).WithReference(training).WithReference(compression)
    .WithReference(registry).WithReference(inference).WithReference(billing)
    // The portal registers the demo tenant as it starts; RabbitMQ drops an event that no queue is
    // bound for yet, so every service's consumers (its /health includes the bus) must be up first.
    .WaitFor(ingestion).WaitFor(training).WaitFor(compression).WaitFor(registry).WaitFor(inference).WaitFor(billing)
    .WithEnvironment("Portal__SampleDatasets", settings.SampleDatasetsDirectory);

builder.WriteEndpointsWhenHealthy(settings);

builder.Build().Run();
