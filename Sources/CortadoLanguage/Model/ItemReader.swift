import CortadoJSON

/// A distributed Map's `ItemReader`: where the items come from (an S3 object or a listing) and how
/// the object is read. The engine fetches; the interpreter parses (`ItemReader+Parse.swift`).
public struct ItemReader: Sendable {
    /// `arn:aws:states:::s3:getObject` or `arn:aws:states:::s3:listObjectsV2`.
    public var resource: String
    public var parameters: FieldTemplate?
    public var inputType: InputType = .json
    public var csvHeaderLocation: CSVHeaderLocation = .firstRow
    public var csvHeaders: [String] = []
    public var csvDelimiter: Character = ","
    public var maxItems: Int?
    public var maxItemsPath: JSONPath?
    public var maxItemsExpression: StatesExpression?

    public enum InputType: String, Sendable {
        case json = "JSON"
        case jsonl = "JSONL"
        case csv = "CSV"
    }

    public enum CSVHeaderLocation: String, Sendable {
        case firstRow = "FIRST_ROW"
        case given = "GIVEN"
    }

    public static let getObject = "arn:aws:states:::s3:getObject"
    public static let listObjectsV2 = "arn:aws:states:::s3:listObjectsV2"
    public static let delimiters: [String: Character] = ["COMMA": ",", "PIPE": "|", "SEMICOLON": ";", "SPACE": " ", "TAB": "\t"]
}

/// A Map's `ItemBatcher`: iterations get `{"BatchInput": …, "Items": […]}` instead of one item.
public struct ItemBatcher: Sendable {
    public var maxItemsPerBatch: Int?
    public var maxItemsPerBatchPath: JSONPath?
    public var maxInputBytesPerBatch: Int?
    public var maxInputBytesPerBatchPath: JSONPath?
    public var maxItemsPerBatchExpression: StatesExpression?
    public var maxInputBytesPerBatchExpression: StatesExpression?
    public var batchInput: FieldTemplate?
}

/// A distributed Map's `ResultWriter`: the iterations' results go to S3 as AWS lays them out, and the
/// Map's result becomes `{"MapRunArn", "ResultWriterDetails": {"Bucket", "Key"}}`.
public struct ResultWriter: Sendable {
    /// `arn:aws:states:::s3:putObject`.
    public var resource: String
    public var parameters: FieldTemplate?

    public static let putObject = "arn:aws:states:::s3:putObject"
}
