using System.Net.Http.Headers;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Npgsql;
using Platform.AppHost.Infrastructure;
using Platform.Contracts;

namespace Platform.SystemTests;

/// <summary>
/// The real platform, started through its AppHost (Aspire.Hosting.Testing): real PostgreSQL and
/// RabbitMQ (local executables here, containers where Docker answers), every service and the portal.
/// Data lives in a fresh folder per fixture and is removed afterwards.
/// </summary>
public class PlatformFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(6);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"platform-tests-{Guid.NewGuid():N}");

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>Usage younger than this is left out of a reconciliation on the test platforms (declared before the settings that use it: static fields start in order).</summary>
    public static readonly TimeSpan ReconciliationSettleDelay = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Settings of every test platform (text models are trained small). Usage is reconciled with billing on request only (the periodic
    /// run comes once a day) and up to 2 s ago: a test finds the gap it made at once, and no periodic
    /// run fills a gap another test makes on purpose (a failed delivery it watches being redelivered).
    /// </summary>
    private static readonly string[] TestSettings =
    [
        $"--{ServiceConfiguration.Section}:{ResourceNames.Inference}:Inference:Reconciliation:SettleDelay={ReconciliationSettleDelay:c}",
        $"--{ServiceConfiguration.Section}:{ResourceNames.Inference}:Inference:Reconciliation:Interval=1.00:00:00",
        // Text models fine-tune on short texts, one layer and two epochs: the flow is what is tested here;
        // the quality on the full data is the demo's and the benchmark's (ADR 32).
        $"--{ServiceConfiguration.Section}:{ResourceNames.Training}:Training:Text:MaxTokens=64",
        $"--{ServiceConfiguration.Section}:{ResourceNames.Training}:Training:Text:FrozenLayers=5",
        $"--{ServiceConfiguration.Section}:{ResourceNames.Training}:Training:Text:Epochs=2",
        $"--{ServiceConfiguration.Section}:{ResourceNames.Training}:Training:Text:LearningRate=0.0003",
        // Image CNNs are trained narrow, five epochs of batches of 32 (a thousand images make few steps
        // of 128), their students for three (ADR 34).
        $"--{ServiceConfiguration.Section}:{ResourceNames.Training}:Training:Images:FirstChannels=16",
        $"--{ServiceConfiguration.Section}:{ResourceNames.Training}:Training:Images:SecondChannels=32",
        $"--{ServiceConfiguration.Section}:{ResourceNames.Training}:Training:Images:Hidden=64",
        $"--{ServiceConfiguration.Section}:{ResourceNames.Training}:Training:Images:Epochs=5",
        $"--{ServiceConfiguration.Section}:{ResourceNames.Training}:Training:Images:BatchSize=32",
        $"--{ServiceConfiguration.Section}:{ResourceNames.Compression}:Compression:Images:Epochs=3",
        $"--{ServiceConfiguration.Section}:{ResourceNames.Compression}:Compression:Images:BatchSize=32",
    ];

    /// <summary>More AppHost arguments (a fixture that runs replicas adds <c>--replicas</c>).</summary>
    protected virtual string[] ExtraArguments => [];

    /// <summary>Where this platform keeps its data: the processes started for it carry this path.</summary>
    public string DataDirectory => _dataDirectory;

    public virtual async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            // The portal's port is chosen by the AppHost (it is the tokens' issuer): the testing builder must not move it.
            [$"--Platform:DataDirectory={_dataDirectory}", "--DcpPublisher:RandomizePorts=false", .. TestSettings, .. ExtraArguments],
            (options, _) => options.DisableDashboard = true,
            cts.Token);
        App = await builder.BuildAsync(cts.Token);
        await App.StartAsync(cts.Token);
        await Task.WhenAll(ResourceNames.Services.Select(s => App.ResourceNotifications.WaitForResourceHealthyAsync(s, cts.Token)));
        await WaitForDemoTenantAsync();
    }

    /// <summary>
    /// The portal seeds the demo organization as it starts and announces it with TenantRegistered;
    /// browser tests act as its admin, so every service must have it (in its tenant directory) first.
    /// </summary>
    private async Task WaitForDemoTenantAsync()
    {
        Guid? demo = null;
        await Eventually.TrueAsync(async () => (demo = await DemoTenantInAsync(ResourceNames.Portal)) is not null, "the portal to seed the demo tenant");
        foreach (var service in ResourceNames.Services)
            await Eventually.TrueAsync(async () => await DemoTenantInAsync(service) == demo, $"{service} to learn of the demo tenant");
        DemoTenantId = demo!.Value;
    }

    private async Task<Guid?> DemoTenantInAsync(string service)
    {
        var database = new NpgsqlConnectionStringBuilder(await ConnectionStringAsync(ResourceNames.Database(service))) { Pooling = false };
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT \"Id\" FROM tenants WHERE \"Name\" = 'Demo Company'", connection);
        return await query.ExecuteScalarAsync() as Guid?;
    }

    public virtual async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        _http.Dispose();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public HttpClient Client(string service) => App.CreateHttpClient(service);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(100) };
    private Demo.PlatformClient? _api;

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

    /// <summary>
    /// The public API as a customer's program calls it: OAuth tokens of an organization's API client,
    /// organizations created with the operator's credential (a secret the AppHost generated).
    /// </summary>
    public Demo.PlatformClient Api => _api ??= new Demo.PlatformClient(Endpoints(), _http,
        File.ReadAllText(Path.Combine(SecretsFolder, "operator-client-secret")).Trim());

    /// <summary>A new organization (its admin and an API client with every organization scope), once every service knows it.</summary>
    public async Task<Guid> RegisterTenantAsync(string? name = null) => (await CreateOrganizationAsync(name)).TenantId;

    public async Task<Demo.TenantCredentials> CreateOrganizationAsync(string? name = null, IReadOnlyList<string>? scopes = null)
    {
        var organization = await Api.CreateOrganizationAsync(name ?? $"tenant-{Guid.NewGuid():N}", "starter", CancellationToken.None, scopes);
        foreach (var service in ResourceNames.Services)
            await Eventually.TrueAsync(() => Api.KnowsTenantAsync(service, organization.TenantId, CancellationToken.None), $"{service} to learn of tenant {organization.TenantId}");
        return organization;
    }

    /// <summary>Sends the request as the tenant's API client (a bearer access token).</summary>
    public async Task AuthorizeAsync(HttpRequestMessage request, Guid tenant) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await Api.TokenAsync(tenant, CancellationToken.None));

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

}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>, ICollectionFixture<ServedDiabetes>
{
    public const string Name = "platform";
}

/// <summary>
/// Outage tests stop servers; they get a platform of their own, whose failed messages come back in
/// seconds rather than minutes (the same redelivery, configured as an operator would), so a test
/// sees a message fail, wait in the broker and be applied within its run.
/// </summary>
public sealed class OutageFixture : PlatformFixture
{
    /// <summary>Every queue's pauses: a message failing during an outage comes back twice, 20 s apart.</summary>
    public static readonly TimeSpan Redelivery = TimeSpan.FromSeconds(20);

    /// <summary>One queue with a short schedule of its own: its message gives up within the outage.</summary>
    public const string ShortQueue = "billing-tenant-registered";
    public static readonly TimeSpan ShortRedelivery = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long <see cref="DatabaseOutageTests"/> stops PostgreSQL: 20 s in the suite, longer from
    /// <c>./platform chaos --database-outage S</c> (PLATFORM_CHAOS_DATABASE_OUTAGE, in seconds).
    /// </summary>
    public static readonly TimeSpan DatabaseOutage = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("PLATFORM_CHAOS_DATABASE_OUTAGE"), out var seconds) && seconds > 0 ? seconds : 20);

    /// <summary>
    /// Pauses of every queue: twice, and as many more as a longer database outage needs, as an
    /// operator would set them for a platform whose pauses are shorter than the default minutes.
    /// </summary>
    private static int RedeliveryCount => Math.Max(2, (int)Math.Ceiling((DatabaseOutage + TimeSpan.FromSeconds(20)) / Redelivery));

    protected override string[] ExtraArguments =>
    [
        "--Messaging:RetryIntervals:0=00:00:00.100", "--Messaging:RetryIntervals:1=00:00:00.200",
        .. Enumerable.Range(0, RedeliveryCount).Select(i => $"--Messaging:Redelivery:Intervals:{i}={Redelivery:c}"),
        $"--Messaging:Redelivery:Queues:{ShortQueue}:Intervals:0={ShortRedelivery:c}",
    ];
}

[CollectionDefinition(Name)]
public sealed class OutageCollection : ICollectionFixture<OutageFixture>, ICollectionFixture<ServedDiabetes>
{
    public const string Name = "outages";
}

/// <summary>
/// Access tests: a platform of their own, with two Inference replicas (a revoked key must be refused
/// by every replica), so organizations made there meet nobody else's. Each replica keeps one model
/// loaded (a budget of one byte: every activation evicts the others), so every test here also
/// proves that an evicted deployment is served again on its next request.
/// </summary>
public sealed class AccessFixture : PlatformFixture
{
    public const int InferenceReplicas = 2;

    protected override string[] ExtraArguments =>
    [
        "--replicas", $"{ResourceNames.Inference}={InferenceReplicas}",
        $"--{ServiceConfiguration.Section}:{ResourceNames.Inference}:Inference:MaxLoadedModelBytes=1",
    ];
}

[CollectionDefinition(Name)]
public sealed class AccessCollection : ICollectionFixture<AccessFixture>
{
    public const string Name = "access";
}
