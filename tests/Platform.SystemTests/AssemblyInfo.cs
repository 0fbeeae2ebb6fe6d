// Each collection starts a whole platform; two at once would only fight over two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
