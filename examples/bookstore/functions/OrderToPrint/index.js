console.log('Loading function orderToPrint');

exports.handler = async (event, context) => {
    console.log('Printing the Order Book');

    var retJson = { TotalValue: 500 };

    return retJson;  
};
