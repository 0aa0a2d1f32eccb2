namespace Vrps.Runtime;

public interface IGrainWithStringKey : IGrain;
