using Microsoft.EntityFrameworkCore;
using Platform.Registry.Domain;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Registry.Infrastructure;

public sealed class RegistryDbContext(DbContextOptions<RegistryDbContext> options) : ServiceDbContext(options)
{
    public DbSet<RegisteredDatasetVersion> DatasetVersions => Set<RegisteredDatasetVersion>();
    public DbSet<Deployment> Deployments => Set<Deployment>();
    public DbSet<DeploymentApiKey> ApiKeys => Set<DeploymentApiKey>();
    public DbSet<PipelineRun> Runs => Set<PipelineRun>();
    public DbSet<RunEpoch> RunEpochs => Set<RunEpoch>();
    public DbSet<ModelVersion> ModelVersions => Set<ModelVersion>();
    public DbSet<RetrainingPolicy> RetrainingPolicies => Set<RetrainingPolicy>();
    public DbSet<RetrainingEpisode> Episodes => Set<RetrainingEpisode>();

    /// <summary>The tenant's deployment of that name; only ever looked up within one tenant.</summary>
    public Task<Deployment?> FindDeploymentAsync(Guid tenantId, string name, CancellationToken ct, bool track = false) =>
        (track ? Deployments : Deployments.AsNoTracking()).FirstOrDefaultAsync(d => d.TenantId == tenantId && d.Name == name, ct);
}

internal sealed class RegistryDesignTimeFactory : DesignTimeDbContextFactory<RegistryDbContext>;
