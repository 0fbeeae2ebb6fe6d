using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Npgsql;
using Platform.Contracts;

namespace Platform.SystemTests;

/// <summary>
/// The real platform, started through its AppHost (Aspire.Hosting.Testing): real PostgreSQL and
/// RabbitMQ (local executables here, containers where Docker answers), every service and the portal.
/// Data lives in a fresh folder per fixture and is removed afterwards.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"platform-tests-{Guid.NewGuid():N}");

    public DistributedApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [$"--Platform:DataDirectory={_dataDirectory}"],
            (options, _) => options.DisableDashboard = true,
            cts.Token);
        App = await builder.BuildAsync(cts.Token);
        await App.StartAsync(cts.Token);
        await Task.WhenAll(ResourceNames.Services.Select(s => App.ResourceNotifications.WaitForResourceHealthyAsync(s, cts.Token)));
        await WaitForDemoTenantAsync();
    }

    /// <summary>
    /// The portal seeds the demo organization as it starts and announces it with TenantRegistered;
    /// browser tests act as its admin, so every service must know it before they start.
    /// </summary>
    private async Task WaitForDemoTenantAsync()
    {
        var portalDb = new NpgsqlConnectionStringBuilder(await ConnectionStringAsync(ResourceNames.Database(ResourceNames.Portal))) { Pooling = false };
        Guid? demo = null;
        await Eventually.TrueAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(portalDb.ConnectionString);
            await connection.OpenAsync();
            await using var query = new NpgsqlCommand("SELECT \"Id\" FROM tenants WHERE \"Name\" = 'Demo Company'", connection);
            demo = await query.ExecuteScalarAsync() as Guid?;
            return demo is not null;
        }, "the portal to seed the demo tenant");
        foreach (var service in ResourceNames.Services)
            await Eventually.TrueAsync(async () => (await Client(service).GetAsync($"/api/tenants/{demo}")).IsSuccessStatusCode, $"{service} to learn of the demo tenant");
        DemoTenantId = demo!.Value;
    }

    public async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public HttpClient Client(string service) => App.CreateHttpClient(service);

    /// <summary>The seeded demo organization, whose admin the browser tests sign in as.</summary>
    public Guid DemoTenantId { get; private set; }

    /// <summary>The shared artifact store of this platform instance.</summary>
    public string ArtifactsFolder => Path.Combine(_dataDirectory, "artifacts");

    /// <summary>The generated local secrets (server passwords, the portal's demo password).</summary>
    public string SecretsFolder => Path.Combine(_dataDirectory, "secrets");

    /// <summary>Every host's base address, as <c>endpoints.json</c> gives them to scripts.</summary>
    public Demo.PlatformEndpoints Endpoints() =>
        new(ResourceNames.Services.ToDictionary(s => s, s => App.GetEndpoint(s, "http")));

    public async Task<string> ConnectionStringAsync(string resource) =>
        await App.GetConnectionStringAsync(resource) ?? throw new InvalidOperationException($"{resource} has no connection string");

    /// <summary>Registers a tenant at the portal and waits until every service knows it.</summary>
    public async Task<Guid> RegisterTenantAsync(string? name = null)
    {
        var response = await Client(ResourceNames.Portal).PostAsJsonAsync("/api/tenants", new { name = name ?? $"tenant-{Guid.NewGuid():N}" });
        response.EnsureSuccessStatusCode();
        var tenant = await response.Content.ReadFromJsonAsync<TenantBody>();
        foreach (var service in ResourceNames.Services)
        {
            await Eventually.TrueAsync(async () =>
                (await Client(service).GetAsync($"/api/tenants/{tenant!.Id}")).IsSuccessStatusCode,
                $"{service} to learn of tenant {tenant!.Id}");
        }
        return tenant!.Id;
    }

    public async Task StopResourceAsync(string resource)
    {
        await App.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StopCommand);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await App.ResourceNotifications.WaitForResourceAsync(resource, KnownResourceStates.TerminalStates, cts.Token);
    }

    public async Task StartResourceAsync(string resource)
    {
        await App.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
    }

    /// <summary>
    /// Stops one of the platform's services and waits until it no longer answers. Project resources
    /// do not report a terminal state through the notification service after a stop command here,
    /// so the service's own health endpoint is the witness.
    /// </summary>
    public async Task StopServiceAsync(string service)
    {
        await App.ResourceCommands.ExecuteCommandAsync(service, KnownResourceCommands.StopCommand);
        await Eventually.TrueAsync(async () => !await AnswersHealthAsync(service), $"{service} to stop", TimeSpan.FromSeconds(60));
    }

    public async Task StartServiceAsync(string service)
    {
        await App.ResourceCommands.ExecuteCommandAsync(service, KnownResourceCommands.StartCommand);
        await Eventually.TrueAsync(() => AnswersHealthAsync(service), $"{service} to be healthy again", TimeSpan.FromSeconds(90));
    }

    private async Task<bool> AnswersHealthAsync(string service)
    {
        try
        {
            using var client = Client(service);
            client.Timeout = TimeSpan.FromSeconds(3);
            return (await client.GetAsync("/health")).IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private sealed record TenantBody(Guid Id);
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}

/// <summary>Outage tests stop servers; they get a platform of their own.</summary>
[CollectionDefinition(Name)]
public sealed class OutageCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "outages";
}
