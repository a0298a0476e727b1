console.log('Loading function generate Discount Code');

exports.handler = async (event, context) => {
    //console.log('Received event:', JSON.stringify(event, null, 2));
    var Disc = { DiscountCode: "Hello10" };
    if (event.Discount >20 )
       Disc = { DiscountCode: "Hello20" };

    return Disc; 
};
