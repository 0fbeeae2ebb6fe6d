using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Training.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class TrainingRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "training_runs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    CorrelationId = table.Column<Guid>(type: "uuid", nullable: false),
                    DatasetVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    TargetColumn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PositiveClass = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Succeeded = table.Column<bool>(type: "boolean", nullable: false),
                    FailureReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ModelUri = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    ModelSha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: true),
                    ModelBytes = table.Column<long>(type: "bigint", nullable: false),
                    Metrics = table.Column<string>(type: "jsonb", nullable: false),
                    Epochs = table.Column<int>(type: "integer", nullable: false),
                    TrainRows = table.Column<int>(type: "integer", nullable: false),
                    ValidationRows = table.Column<int>(type: "integer", nullable: false),
                    TestRows = table.Column<int>(type: "integer", nullable: false),
                    ParityMaxAbsDelta = table.Column<double>(type: "double precision", nullable: false),
                    DurationSeconds = table.Column<double>(type: "double precision", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_runs", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_training_runs_TenantId_StartedAt",
                table: "training_runs",
                columns: new[] { "TenantId", "StartedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "training_runs");
        }
    }
}
