using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Billing.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class UsageReconciliations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "usage_reconciliations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    From = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReconciledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ServedPredictions = table.Column<long>(type: "bigint", nullable: false),
                    BilledPredictions = table.Column<long>(type: "bigint", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ResentPredictions = table.Column<long>(type: "bigint", nullable: false),
                    PartsReceived = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_usage_reconciliations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "usage_reconciliation_gaps",
                columns: table => new
                {
                    ReconciliationId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeploymentName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    HourStart = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ServedRecords = table.Column<long>(type: "bigint", nullable: false),
                    ServedPredictions = table.Column<long>(type: "bigint", nullable: false),
                    BilledRecords = table.Column<long>(type: "bigint", nullable: false),
                    BilledPredictions = table.Column<long>(type: "bigint", nullable: false),
                    Action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PartsReceived = table.Column<int>(type: "integer", nullable: false),
                    Parts = table.Column<int>(type: "integer", nullable: true),
                    ResentRecords = table.Column<long>(type: "bigint", nullable: false),
                    ResentPredictions = table.Column<long>(type: "bigint", nullable: false),
                    BilledRecordsAfter = table.Column<long>(type: "bigint", nullable: true),
                    BilledPredictionsAfter = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_usage_reconciliation_gaps", x => new { x.ReconciliationId, x.DeploymentName, x.HourStart });
                    table.ForeignKey(
                        name: "FK_usage_reconciliation_gaps_usage_reconciliations_Reconciliat~",
                        column: x => x.ReconciliationId,
                        principalTable: "usage_reconciliations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_usage_reconciliations_TenantId_ReconciledAt",
                table: "usage_reconciliations",
                columns: new[] { "TenantId", "ReconciledAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "usage_reconciliation_gaps");

            migrationBuilder.DropTable(
                name: "usage_reconciliations");
        }
    }
}
