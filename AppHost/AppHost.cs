using Platform.AppHost.Infrastructure;
using Platform.AppHost.Local;
using Platform.Contracts;

var builder = DistributedApplication.CreateBuilder(args);

var settings = PlatformSettings.From(builder);
var servers = builder.AddPlatformServers(settings);

var ingestion = builder.AddPlatformService<Projects.Ingestion>(ResourceNames.Ingestion, servers, settings);
var training = builder.AddPlatformService<Projects.Training>(ResourceNames.Training, servers, settings);
var compression = builder.AddPlatformService<Projects.Compression>(ResourceNames.Compression, servers, settings);
var registry = builder.AddPlatformService<Projects.Registry>(ResourceNames.Registry, servers, settings);
var inference = builder.AddPlatformService<Projects.Inference>(ResourceNames.Inference, servers, settings);
var billing = builder.AddPlatformService<Projects.Billing>(ResourceNames.Billing, servers, settings);

var demoPassword = new LocalSecrets(settings.SecretsDirectory).GetOrCreate(PortalDemo.PasswordSecret);
var portal = builder.AddPlatformService<Projects.Portal>(ResourceNames.Portal, servers, settings)
    .WithEnvironment("Portal__DemoPassword", demoPassword)
    .WithReference(ingestion).WithReference(training).WithReference(compression)
    .WithReference(registry).WithReference(inference).WithReference(billing)
    // The portal registers the demo tenant as it starts; RabbitMQ drops an event that no queue is
    // bound for yet, so every service's consumers (its /health includes the bus) must be up first.
    .WaitFor(ingestion).WaitFor(training).WaitFor(compression).WaitFor(registry).WaitFor(inference).WaitFor(billing)
    .WithEnvironment("Portal__SampleDatasets", settings.SampleDatasetsDirectory);

builder.WriteEndpointsWhenHealthy(settings);

builder.Build().Run();
