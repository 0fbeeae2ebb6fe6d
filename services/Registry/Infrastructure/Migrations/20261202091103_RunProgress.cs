using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Registry.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class RunProgress : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ProgressedAt",
                table: "pipeline_runs",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Runs that exist already last moved when they were last updated (an epoch or a step).
            migrationBuilder.Sql("""UPDATE pipeline_runs SET "ProgressedAt" = "UpdatedAt";""");

            migrationBuilder.CreateIndex(
                name: "ix_pipeline_runs_in_progress",
                table: "pipeline_runs",
                column: "ProgressedAt",
                filter: "\"State\" IN ('Training', 'Compressing')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_pipeline_runs_in_progress",
                table: "pipeline_runs");

            migrationBuilder.DropColumn(
                name: "ProgressedAt",
                table: "pipeline_runs");
        }
    }
}
