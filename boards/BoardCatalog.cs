namespace NanoTcp.Boards
{
    /// <summary>Every board definition, for the entry point's board selection and for the tests.</summary>
    public static class BoardCatalog
    {
        /// <summary>A new array holding one instance of each board.</summary>
        public static BoardDefinition[] All()
        {
            return new BoardDefinition[] { new Esp32DevKitC(), new Esp32DoitDevKitV1(), new Esp32S3DevKitC() };
        }
    }
}
