using System.Security.Cryptography;
using System.Text;
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
    public DbSet<BaseModel> BaseModels => Set<BaseModel>();
    public DbSet<RetrainingPolicy> RetrainingPolicies => Set<RetrainingPolicy>();
    public DbSet<RetrainingEpisode> Episodes => Set<RetrainingEpisode>();

    /// <summary>The tenant's deployment of that name; only ever looked up within one tenant.</summary>
    public Task<Deployment?> FindDeploymentAsync(Guid tenantId, string name, CancellationToken ct, bool track = false) =>
        (track ? Deployments : Deployments.AsNoTracking()).FirstOrDefaultAsync(d => d.TenantId == tenantId && d.Name == name, ct);

    /// <summary>
    /// Serialises, until the current transaction ends, everything that pairs a tenant's dataset with
    /// its deployments: a deployment created while its data's first version is being registered. Each
    /// side reads the other only under this lock, so the second one sees the first's commit and the
    /// run starts exactly once; without it both could read before either commits and no run starts.
    /// </summary>
    public async Task LockDatasetAsync(Guid tenantId, string datasetName, CancellationToken ct)
    {
        if (Database.CurrentTransaction is null) throw new InvalidOperationException("A dataset lock is held by a transaction: begin one first.");
        var key = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenantId:N}/{datasetName}")));
        await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", ct);
    }
}

internal sealed class RegistryDesignTimeFactory : DesignTimeDbContextFactory<RegistryDbContext>;
