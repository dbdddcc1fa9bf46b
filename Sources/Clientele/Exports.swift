// The core's public types (Value, Money, CalendarDate, Diagnostic...) are part of the
// engine's public API: a host that imports Clientele sees them without importing the core.
@_exported import ClienteleCore
// The store a host opens (`Store(path:)`) is the SQLite backend's.
@_exported import ClienteleSQLite
// Import reports, export options and demo options are part of it too.
@_exported import ClienteleInterchange
@_exported import ClienteleDemo

// GRDB also has a `Table` and a `Column`: in the engine these names mean the core's.
typealias Table = ClienteleCore.Table
typealias Column = ClienteleCore.Column
