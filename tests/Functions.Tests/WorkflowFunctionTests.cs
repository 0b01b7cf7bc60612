using Hntt.App.Timers;
using Hntt.Functions.Workflow;
using Microsoft.DurableTask;
using Moq;

namespace Hntt.Functions.Tests;

/// <summary>The orchestration triggers run the workflow's own classes with the input the trigger carries.</summary>
public sealed class WorkflowFunctionTests
{
    [Fact]
    public async Task The_job_orchestration_calls_the_jobs_activity_with_retries()
    {
        var input = new ScheduledJobInput(ScheduledJobs.RegistryCheck, new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc), PastDue: false);
        var context = new Mock<TaskOrchestrationContext>();
        context.Setup(c => c.GetInput<ScheduledJobInput>()).Returns(input);
        context.Setup(c => c.CallActivityAsync<string>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>())).ReturnsAsync("3 sites lack technicians");

        Assert.Equal("3 sites lack technicians", await OrchestratorFunctions.RunScheduledJob(context.Object));
        context.Verify(c => c.CallActivityAsync<string>(new TaskName("RegistryCheckActivity"), input, It.Is<TaskOptions?>(o => o!.Retry != null)), Times.Once);
    }
}
