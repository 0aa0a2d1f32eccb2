namespace Vrps.Runtime;

public interface IGrainWithGuidKey : IGrain;
