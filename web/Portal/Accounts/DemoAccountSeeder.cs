using Microsoft.AspNetCore.Identity;
using Platform.Portal.Identity;

namespace Platform.Portal.Accounts;

/// <summary>
/// On a first start, creates the demo organization and its admin so a newcomer can sign in at once.
/// The password is read from a file (the AppHost's generated secret, mode 0600; <c>./platform up</c>
/// prints it), never from an environment variable the dashboard would show; without one, nothing is seeded.
/// </summary>
public sealed partial class DemoAccountSeeder(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DemoAccountSeeder> logger) : IHostedService
{
    public const string DemoEmail = "demo@platform.local";
    public const string DemoTenant = "Demo Company";
    public const string PasswordFileSetting = "Portal:DemoPasswordFile";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (configuration[PasswordFileSetting] is not { Length: > 0 } file || !File.Exists(file)) return;
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        if (await users.FindByEmailAsync(DemoEmail) is not null) return;

        var password = (await File.ReadAllTextAsync(file, cancellationToken)).Trim();
        var (created, refused) = await scope.ServiceProvider.GetRequiredService<Organizations>()
            .CreateAsync(new Organizations.NewOrganization(DemoTenant, DemoEmail, password, Plan: null, Client: null), cancellationToken);
        if (refused is not null) throw new InvalidOperationException($"The demo organization could not be created: {refused.Field}: {refused.Reason}");
        LogSeeded(logger, DemoEmail, created!.Tenant.Name);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo user {Email} (admin of {Tenant})")]
    private static partial void LogSeeded(ILogger logger, string email, string tenant);
}
