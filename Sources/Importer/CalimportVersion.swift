/// calimport's version, as registered by workers and printed by `--version`.
public enum CalimportVersion {
    public static let current = "0.1.0"
}
