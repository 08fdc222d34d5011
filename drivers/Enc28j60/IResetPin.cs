namespace NanoTcp.Enc28j60
{
    /// <summary>Optional: the ENC28J60 RESET pin (active low). Without it the driver resets with SRC.</summary>
    public interface IResetPin
    {
        /// <summary>Drives RESET low for at least 400 ns (tRSTLOW), then releases it high.</summary>
        void Pulse();
    }
}
