using AeFramework.Testing;
using AeFramework.Training;
using TorchSharp;

namespace AeFramework.Tests.Training;

[Collection(TorchCollection.Name)]
public class CheckpointStoreTests
{
    [Fact]
    public void ASaveRemovesTheHalfWrittenCheckpointOfAKilledRunAndKeepsALiveWritersFolder()
    {
        var dir = Directory.CreateTempSubdirectory("ae-store-");
        var store = new CheckpointStore(dir.FullName);
        // 2^22 + 1 is above Linux's largest process id, so no process owns the first folder.
        var abandoned = Directory.CreateDirectory(Path.Combine(store.Directory, ".step_00000010.4194305.tmp"));
        File.WriteAllText(Path.Combine(abandoned.FullName, CheckpointStore.ModelFile), "half");
        var live = Directory.CreateDirectory(Path.Combine(store.Directory, $".step_00000011.{Environment.ProcessId}.tmp"));
        var model = torch.nn.Linear(2, 1);
        var state = new TrainerState(model, new AdamFactory(new AdamOptions(), decoupled: false).Create(model.parameters()), 10);

        var saved = store.Save(state, "name: t\n", keep: 5);

        Assert.False(Directory.Exists(abandoned.FullName));
        Assert.True(Directory.Exists(live.FullName));
        Assert.Equal(saved, Assert.Single(store.List()));
        dir.Delete(true);
    }
}
