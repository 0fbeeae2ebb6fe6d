using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Platform.Contracts;

namespace Platform.SystemTests;

/// <summary>
/// What an outsider must not learn: health details (databases, hosts, errors) go to authenticated
/// callers only, and the platform's secrets are neither readable by other users nor in any
/// process's environment (which the dashboard shows).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class HardeningTests(PlatformFixture platform)
{
    [Fact]
    public async Task Health_shows_its_checks_only_to_an_authenticated_caller()
    {
        foreach (var service in ResourceNames.Services)
        {
            var anonymous = JsonNode.Parse(await platform.Client(service).GetStringAsync("/health"))!.AsObject();
            Assert.Equal(["status"], anonymous.Select(p => p.Key));

            var tenant = await platform.RegisterTenantAsync();
            var request = new HttpRequestMessage(HttpMethod.Get, "/health");
            await platform.AuthorizeAsync(request, tenant);
            using var response = await platform.Client(service).SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(JsonNode.Parse(body)!["checks"] is JsonObject, $"{service} answered {(int)response.StatusCode} {body} {response.Headers.WwwAuthenticate}");
        }
    }

    [Fact]
    public void Secrets_are_readable_by_their_owner_only_and_in_no_processs_environment()
    {
        var folder = new DirectoryInfo(platform.SecretsFolder);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, folder.UnixFileMode);
        var secrets = folder.GetFiles().Where(f => !f.Name.EndsWith(".pub.pem", StringComparison.Ordinal)).ToArray();
        Assert.Contains(secrets, f => f.Name == "portal-demo-password");
        Assert.All(secrets, f => Assert.True(f.UnixFileMode == (UnixFileMode.UserRead | UnixFileMode.UserWrite), $"{f.Name} is {f.UnixFileMode}"));

        // Every process started for this platform: none carries the demo password, a token key or a
        // client secret in its environment, only their files' paths. (The servers' passwords travel
        // in connection strings, as Aspire hands them to services.)
        string[] identity = ["portal-demo-password", "portal-client-secret", "operator-client-secret", "token-signing-key.pem", "token-encryption-key.pem"];
        var values = secrets.Where(f => identity.Contains(f.Name)).Select(f => File.ReadAllText(f.FullName).Trim()).ToArray();
        Assert.Equal(identity.Length, values.Length);
        var processes = PlatformProcesses.Of(platform);
        Assert.True(processes.Count >= ResourceNames.Services.Count, $"only {processes.Count} processes of this platform were found");
        foreach (var (pid, _, environment) in processes)
            Assert.False(values.Any(v => environment.Contains(v, StringComparison.Ordinal)), $"process {pid} has a secret in its environment");
    }
}
