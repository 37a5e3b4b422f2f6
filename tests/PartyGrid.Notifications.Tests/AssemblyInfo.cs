// Every service host here consumes the same queues of the shared broker: hosts of two tests running at
// once would take each other's messages into the wrong database.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
