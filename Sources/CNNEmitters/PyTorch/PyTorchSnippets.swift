/// Python text every generated module shares, whatever the model.
enum PyTorchSnippets {
    /// Weight loading and saving in cnnc's safetensors names. safetensors is imported when used,
    /// so printing or running the model works without it.
    static let safetensorsFunctions = #"""
    def load_safetensors(model, path):
        """Loads weights saved by cnnc (or save_safetensors) into model; names and shapes must match.

        BatchNorm's num_batches_tracked counters are PyTorch bookkeeping that cnnc does not store.
        """
        from safetensors.torch import load_file

        missing, unexpected = model.load_state_dict(load_file(path), strict=False)
        missing = [name for name in missing if not name.endswith("num_batches_tracked")]
        if missing or unexpected:
            raise KeyError(f"{path}: missing tensors {missing}, unexpected tensors {unexpected}")


    def save_safetensors(model, path):
        """Saves model's weights under cnnc's names (without num_batches_tracked), atomically."""
        from safetensors.torch import save_file

        state = {name: tensor.detach().cpu().contiguous()
                 for name, tensor in model.state_dict().items()
                 if not name.endswith("num_batches_tracked")}
        save_file(state, path + ".tmp")
        os.replace(path + ".tmp", path)
    """#

    /// The `__main__` of the plain module: print the model, run random or loaded weights.
    static let runMain = #"""



    def main():
        parser = argparse.ArgumentParser(description="Run the model cnnc generated on random inputs.")
        parser.add_argument("--weights", help="cnnc weights (.safetensors); default: PyTorch's init")
        parser.add_argument("--random", type=int, default=1, metavar="N", help="random inputs to run")
        parser.add_argument("--seed", type=int, default=0, help="seed of the random inputs")
        args = parser.parse_args()

        model = Model()
        if args.weights:
            load_safetensors(model, args.weights)
        model.eval()
        print(model)
        torch.manual_seed(args.seed)
        inputs = torch.rand(args.random, *INPUT_SHAPE)
        with torch.no_grad():
            outputs = model(inputs)
        print(f"output {tuple(outputs.shape)}:")
        print(outputs)


    if __name__ == "__main__":
        main()

    """#
}
