using Microsoft.EntityFrameworkCore;
using Platform.Ingestion.Domain;
using Platform.Ingestion.Infrastructure;
using Platform.ServiceDefaults.Artifacts;

namespace Platform.Ingestion.Apis;

/// <summary>What the dataset endpoints need, injected as one parameter.</summary>
public sealed class IngestionServices(IngestionDbContext db, ContentAddressedStore store, TimeProvider clock)
{
    public IngestionDbContext Db => db;
    public ContentAddressedStore Store => store;
    public TimeProvider Clock => clock;

    public Task<Dataset?> FindDatasetAsync(Guid tenantId, string name, CancellationToken ct) =>
        db.Datasets.Include(d => d.Versions).FirstOrDefaultAsync(d => d.TenantId == tenantId && d.Name == name, ct);
}
