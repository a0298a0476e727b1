console.log('Loading function check Further Discount');

exports.handler = async (event, context) => {
    var TotalDiscount = { Discount: 10 };

    if (event.TotalValue > 400){
        TotalDiscount = { Discount: 20 };
    }

    return TotalDiscount; 
};
