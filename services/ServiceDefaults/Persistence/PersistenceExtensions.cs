using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Contracts;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.ServiceDefaults.Access;
using Platform.ServiceDefaults.Outbox;

namespace Platform.ServiceDefaults.Persistence;

public static class PersistenceExtensions
{
    /// <summary>
    /// The service's own PostgreSQL database: EF Core on Npgsql (with Aspire's health check and
    /// tracing), migrations applied before the host starts, and the outbox dispatcher.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string service)
        where TContext : ServiceDbContext
    {
        var connectionName = ResourceNames.Database(service);
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"Connection string '{connectionName}' is not configured.");

        builder.Services.AddDbContext<TContext>(options => options.UseNpgsql(connectionString));
        // Retrying execution strategies forbid explicit transactions, which the inbox and outbox need;
        // retries happen one level up instead (message redelivery, the dispatcher's loop).
        builder.EnrichNpgsqlDbContext<TContext>(settings => settings.DisableRetry = true);
        builder.Services.AddScoped<ServiceDbContext>(sp => sp.GetRequiredService<TContext>());

        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        // After the migrator: the revoked credentials are read from the migrated table before requests arrive.
        builder.Services.TryAddSingleton<RevokedCredentials>();
        builder.Services.AddHostedService<RevokedCredentialsLoader>();
        builder.AddOutbox<TContext>();
        return builder;
    }

    /// <summary>Applies a further context's migrations before the host starts, as for the service's own.</summary>
    public static IServiceCollection AddMigrationsAtStartup<TContext>(this IServiceCollection services) where TContext : DbContext =>
        services.AddHostedService<DatabaseMigrator<TContext>>();
}
