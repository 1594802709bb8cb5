import CNNModel

/// The training half of the `pytorch-ddp` script: IDX data, DistributedDataParallel, safetensors.
///
/// Flags mirror `cnnc train` (`--data --epochs --batch --optimizer --lr --momentum --weight-decay
/// --seed --save --weights`). Started by `torchrun --nproc_per_node=K script.py`, each process
/// trains on its DistributedSampler shard; started by plain `python3`, it trains in one process.
struct PyTorchTrainer {
    let model: Model
    let classes: Int

    init(model: Model) throws(PyTorchEmitterError) {
        switch model.output {
        case let .vector(count): classes = count
        case let .image(1, 1, channels): classes = channels
        case .image: throw .notAClassifier(output: model.output)
        }
        self.model = model
    }

    var docstring: String {
        #"""
        """Trains the cnnc model with PyTorch DistributedDataParallel and saves cnnc safetensors.

            torchrun --nproc_per_node=2 train_ddp.py --data DIR --epochs 5 --save w.safetensors
            cnnc eval SPEC --weights w.safetensors --data DIR

        DIR holds MNIST's IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte,
        t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, optionally gzipped). Images
        \#(model.input) (HxWxC) are scaled to [0, 1]; labels are classes 0 to \#(classes - 1).
        """
        """#
    }

    /// Everything after the shared definitions.
    var source: String {
        let height = model.input.dimensions[0]
        let imageShape = model.input.isImage
            ? "(\(height), \(model.input.dimensions[1]), \(model.input.channels))" : "(\(model.input.elementCount),)"
        // Scores before the softmax: asked for when the model's forward offers them, else the log of
        // the probabilities, which cross_entropy's softmax maps back to the same probabilities.
        let logits = !model.endsInSoftmax ? "model(images)"
            : PyTorchModuleWriter(model).returnsLogits ? "model(images, return_logits=True)"
            : "torch.log(model(images).clamp_min(1e-30))"
        return #"""



        CLASSES = \#(classes)
        IMAGE_SHAPE = \#(imageShape)  # one IDX image: height, width, channels


        def read_idx(path):
            """Reads an IDX file of unsigned bytes (MNIST's format, maybe gzipped) as uint8."""
            if not os.path.exists(path) and os.path.exists(path + ".gz"):
                path += ".gz"
            if not os.path.exists(path):
                raise FileNotFoundError(f"{path}: no such IDX file (nor .gz); check --data")
            with (gzip.open if path.endswith(".gz") else open)(path, "rb") as file:
                data = file.read()
            if len(data) < 4 or data[0] != 0 or data[1] != 0:
                raise ValueError(f"{path}: not an IDX file (its magic number must start 0 0)")
            if data[2] != 0x08:
                raise ValueError(f"{path}: IDX type {data[2]:#04x}; only unsigned bytes (0x08) are read")
            start = 4 + 4 * data[3]
            if len(data) < start:
                raise ValueError(f"{path}: the IDX header is cut short")
            shape = struct.unpack(f">{data[3]}I", data[4:start])
            promised = math.prod(shape)
            if len(data) - start != promised:
                raise ValueError(f"{path}: {len(data) - start} data bytes, the header promises {promised}")
            return torch.frombuffer(bytearray(data[start:]), dtype=torch.uint8).reshape(shape)


        def load_images(path):
            """IDX images (N, H, W) or (N, H, W, C) as N x C x H x W floats in [0, 1]."""
            images = read_idx(path)
            if images.dim() == 3:
                images = images.unsqueeze(-1)
            if tuple(images.shape[1:]) != IMAGE_SHAPE:
                found = tuple(images.shape[1:])
                raise ValueError(f"{path}: images of shape {found}, the model takes {IMAGE_SHAPE}")
            return images.permute(0, 3, 1, 2).float().div(255).reshape(len(images), *INPUT_SHAPE)


        def load_labels(path, count):
            """IDX labels (N,) as class indices, checked against the images and the classes."""
            labels = read_idx(path).long()
            if labels.dim() != 1 or len(labels) != count:
                raise ValueError(f"{path}: {tuple(labels.shape)} labels for {count} images")
            if count and int(labels.max()) >= CLASSES:
                raise ValueError(f"{path}: label {int(labels.max())} is not below {CLASSES} classes")
            return labels


        def load_set(directory, prefix):
            images = load_images(os.path.join(directory, f"{prefix}-images-idx3-ubyte"))
            labels = load_labels(os.path.join(directory, f"{prefix}-labels-idx1-ubyte"), len(images))
            return TensorDataset(images, labels)


        def class_scores(model, images):
            """Scores before any final softmax, one row per image (cross_entropy applies it)."""
            return \#(logits).flatten(1)


        def accuracy(model, dataset, device, batch):
            """Fraction of dataset that model classifies correctly, in eval mode."""
            model.eval()
            correct = 0
            with torch.no_grad():
                for images, labels in DataLoader(dataset, batch_size=batch):
                    predicted = class_scores(model, images.to(device)).argmax(1).cpu()
                    correct += (predicted == labels).sum().item()
            return correct / max(len(dataset), 1)


        def parse_arguments():
            parser = argparse.ArgumentParser(description="Train the cnnc model with DDP.")
            parser.add_argument("--data", default=".", help="directory of the MNIST-style IDX files")
            parser.add_argument("--epochs", type=int, default=5)
            parser.add_argument("--batch", type=int, default=64, help="batch size of each process")
            parser.add_argument("--optimizer", choices=["adam", "sgd"], default="adam")
            parser.add_argument("--lr", type=float, help="default 0.001 for adam, 0.01 for sgd")
            parser.add_argument("--momentum", type=float, default=0.9, help="sgd momentum")
            parser.add_argument("--weight-decay", type=float, default=0.0)
            parser.add_argument("--seed", type=int, default=0)
            parser.add_argument("--save", default="weights.safetensors", help="rank 0 saves here")
            parser.add_argument("--weights", help="safetensors weights to start from")
            parser.add_argument("--sync-batchnorm", action="store_true",
                                help="batchnorm statistics over all processes")
            return parser.parse_args()


        def main():
            args = parse_arguments()
            distributed = "RANK" in os.environ  # set by torchrun
            if distributed:
                dist.init_process_group("nccl" if torch.cuda.is_available() else "gloo")
            rank = dist.get_rank() if distributed else 0
            world_size = dist.get_world_size() if distributed else 1
            local_rank = int(os.environ.get("LOCAL_RANK", 0))
            device = torch.device(f"cuda:{local_rank}" if torch.cuda.is_available() else "cpu")
            torch.manual_seed(args.seed)  # the same initial weights in every process

            train_set = load_set(args.data, "train")
            has_test_set = os.path.exists(os.path.join(args.data, "t10k-images-idx3-ubyte")) or \
                os.path.exists(os.path.join(args.data, "t10k-images-idx3-ubyte.gz"))
            test_set = load_set(args.data, "t10k") if has_test_set else None
            sampler = DistributedSampler(train_set, seed=args.seed) if distributed else None
            # A last batch of one image would break batchnorm's training statistics: drop the remainder.
            drop_last = len(train_set) // world_size > args.batch
            loader = DataLoader(train_set, batch_size=args.batch, sampler=sampler, shuffle=sampler is None,
                                generator=torch.Generator().manual_seed(args.seed), drop_last=drop_last)

            model = Model()
            if args.weights:
                load_safetensors(model, args.weights)
            if distributed and args.sync_batchnorm:
                model = nn.SyncBatchNorm.convert_sync_batchnorm(model)
            model.to(device)
            trained = model
            if distributed:
                device_ids = [local_rank] if device.type == "cuda" else None
                trained = DistributedDataParallel(model, device_ids=device_ids)
            parameters = [p for p in model.parameters() if p.requires_grad]  # fixed filters stay fixed
            if args.optimizer == "adam":
                optimizer = torch.optim.Adam(parameters, lr=args.lr or 0.001,
                                             weight_decay=args.weight_decay)
            else:
                optimizer = torch.optim.SGD(parameters, lr=args.lr or 0.01, momentum=args.momentum,
                                            weight_decay=args.weight_decay)

            for epoch in range(args.epochs):
                if sampler is not None:
                    sampler.set_epoch(epoch)
                trained.train()
                start = time.perf_counter()
                totals = torch.zeros(3, dtype=torch.float64, device=device)  # loss sum, correct, images
                for images, labels in loader:
                    images, labels = images.to(device), labels.to(device)
                    scores = class_scores(trained, images)
                    loss = F.cross_entropy(scores, labels)
                    optimizer.zero_grad()
                    loss.backward()
                    optimizer.step()
                    correct = (scores.argmax(1) == labels).sum().item()
                    totals += torch.tensor([loss.item() * len(labels), correct, len(labels)],
                                           dtype=torch.float64, device=device)
                if distributed:
                    dist.all_reduce(totals)
                elapsed = time.perf_counter() - start
                if rank == 0:
                    loss_sum, correct, seen = totals.tolist()
                    test = ""
                    if test_set is not None:
                        test = f", test accuracy {accuracy(model, test_set, device, args.batch):.2%}"
                    print(f"epoch {epoch + 1}/{args.epochs}: loss {loss_sum / seen:.4f}, "
                          f"training accuracy {correct / seen:.2%}{test}, {seen / elapsed:,.0f} images/s "
                          f"({world_size} process{'es' if world_size > 1 else ''})", flush=True)

            if rank == 0:
                save_safetensors(model, args.save)
                print(f"saved {args.save}")
            if distributed:
                dist.destroy_process_group()


        if __name__ == "__main__":
            main()

        """#
    }
}
