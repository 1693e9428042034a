using Providers.Emulator.Hosting;

// providers-emulator [--urls http://127.0.0.1:5100] [--fault scibox/v1/embeddings:status=503] (see --help)
return await EmulatorCommand.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
