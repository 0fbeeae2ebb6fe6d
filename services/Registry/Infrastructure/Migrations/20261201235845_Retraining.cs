using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Registry.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Retraining : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "EpisodeId",
                table: "pipeline_runs",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FeatureImportance",
                table: "model_versions",
                type: "jsonb",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "ReferenceSha256",
                table: "model_versions",
                type: "character(64)",
                fixedLength: true,
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReferenceSizeBytes",
                table: "model_versions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReferenceUri",
                table: "model_versions",
                type: "character varying(512)",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LiveQuality",
                table: "deployments",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "AppendedRows",
                table: "dataset_versions",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<Guid>(
                name: "DerivedFromVersionId",
                table: "dataset_versions",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "retraining_episodes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeploymentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Trigger = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TriggerDetail = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ChampionVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ChampionTestAuc = table.Column<double>(type: "double precision", nullable: true),
                    BaseDatasetVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    DatasetVersionId = table.Column<Guid>(type: "uuid", nullable: true),
                    LabelledRows = table.Column<long>(type: "bigint", nullable: false),
                    RunId = table.Column<Guid>(type: "uuid", nullable: true),
                    ChallengerVersionId = table.Column<Guid>(type: "uuid", nullable: true),
                    ChampionAuc = table.Column<double>(type: "double precision", nullable: true),
                    ChallengerAuc = table.Column<double>(type: "double precision", nullable: true),
                    ChampionMetrics = table.Column<string>(type: "jsonb", nullable: false),
                    ChallengerMetrics = table.Column<string>(type: "jsonb", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    TraceId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TrainingStartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_retraining_episodes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "retraining_policies",
                columns: table => new
                {
                    DeploymentId = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    PsiThreshold = table.Column<double>(type: "double precision", nullable: false),
                    ConsecutiveWindows = table.Column<int>(type: "integer", nullable: false),
                    WindowRows = table.Column<int>(type: "integer", nullable: false),
                    WindowSeconds = table.Column<int>(type: "integer", nullable: false),
                    CooldownSeconds = table.Column<int>(type: "integer", nullable: false),
                    MinLabelledRows = table.Column<int>(type: "integer", nullable: false),
                    PromotionMargin = table.Column<double>(type: "double precision", nullable: false),
                    MaxQualityDrop = table.Column<double>(type: "double precision", nullable: false),
                    OnNewData = table.Column<bool>(type: "boolean", nullable: false),
                    OnDrift = table.Column<bool>(type: "boolean", nullable: false),
                    OnQualityDrop = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_retraining_policies", x => x.DeploymentId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_retraining_episodes_TenantId_DeploymentId_StartedAt",
                table: "retraining_episodes",
                columns: new[] { "TenantId", "DeploymentId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_retraining_policies_TenantId",
                table: "retraining_policies",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "retraining_episodes");

            migrationBuilder.DropTable(
                name: "retraining_policies");

            migrationBuilder.DropColumn(
                name: "EpisodeId",
                table: "pipeline_runs");

            migrationBuilder.DropColumn(
                name: "FeatureImportance",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "ReferenceSha256",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "ReferenceSizeBytes",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "ReferenceUri",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "LiveQuality",
                table: "deployments");

            migrationBuilder.DropColumn(
                name: "AppendedRows",
                table: "dataset_versions");

            migrationBuilder.DropColumn(
                name: "DerivedFromVersionId",
                table: "dataset_versions");
        }
    }
}
